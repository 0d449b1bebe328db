x=1
with a:
 with a:
  with a:
   with a:
    with a:
     with a:
      with a:
       with a:
        with a:
         with a:
          with a:
           with a:
            with a:
             with a:
              with a:
               with a:
                with a:
                 with a:
                  with a:
                   try:
                    pass
                   finally:
                    for x in y: pass
