# coding: koi8-r
аб = 'привет'
