module isprint
go 1.27
