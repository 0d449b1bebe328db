# SystemExit(None) and sys.exit() exit with status 0.
import sys
print('exit with None')
raise SystemExit(None)
