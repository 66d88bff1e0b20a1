module formatvectors

go 1.27
