try: pass
except: return
else: yield
