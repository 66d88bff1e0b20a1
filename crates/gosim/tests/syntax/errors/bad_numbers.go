package main

var a = 0x
var b = 1__0
var c = 09
var d = 0b2
var e = 1e+
