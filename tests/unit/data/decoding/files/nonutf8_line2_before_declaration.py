#!/usr/bin/python
# é
# coding: latin-1
