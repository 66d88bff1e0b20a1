package main

var c = 1 + 2i
