package main

var a = 0o8
var b = 0b
var c = 0x1.0
var d = 0o1.5
