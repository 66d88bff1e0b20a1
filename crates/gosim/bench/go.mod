module gosimbench

go 1.27
