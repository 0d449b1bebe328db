# coding: cp037
§@~@ñ%%print('a')
