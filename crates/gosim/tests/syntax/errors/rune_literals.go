package main

var a = ''
var b = 'ab'
var c = '\q'
