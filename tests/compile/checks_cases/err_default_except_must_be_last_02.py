try: pass
except A: pass
except: pass
except: pass
