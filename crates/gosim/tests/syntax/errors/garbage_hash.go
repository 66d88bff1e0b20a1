package main

#include <stdio.h>

func main() {
}
