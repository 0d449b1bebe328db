#!/usr/bin/python ö
# coding: utf-8
