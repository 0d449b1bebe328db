def f(x):
 	 x is 1   
 	 x is 2 #  
 	 x is 3 \

 	 x is 4