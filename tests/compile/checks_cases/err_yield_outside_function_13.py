match (yield):
    case __debug__: pass
