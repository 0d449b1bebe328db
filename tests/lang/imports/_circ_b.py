print('_circ_b start')
import _circ_a
print('_circ_b sees partially initialised _circ_a:', hasattr(_circ_a, 'A_VALUE'))
B_VALUE = 'b value'
