visible = 'v'
_hidden = 'h'
import sys as _sys_alias
