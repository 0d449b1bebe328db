match x:
    case {"\U0001F600\x7f\u00ad": a, "\U0001F600\x7f\u00ad": b}: pass
