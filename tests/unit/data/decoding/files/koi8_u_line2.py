#!python
# vim: set fileencoding=koi8_u :
x = 'єії'
