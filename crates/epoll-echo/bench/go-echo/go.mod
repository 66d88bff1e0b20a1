module goecho

go 1.21
