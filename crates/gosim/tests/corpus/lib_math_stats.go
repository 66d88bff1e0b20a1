package main

import (
	"fmt"
	"math"
	"slices"
)

func stats(xs []float64) (mean, stddev, median float64) {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean = sum / float64(len(xs))
	for _, x := range xs {
		stddev += math.Pow(x-mean, 2)
	}
	stddev = math.Sqrt(stddev / float64(len(xs)))
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 0 {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	} else {
		median = s[len(s)/2]
	}
	return
}

func main() {
	data := []float64{2, 4, 4, 4, 5, 5, 7, 9}
	m, sd, med := stats(data)
	fmt.Printf("mean=%.2f stddev=%.2f median=%.2f\n", m, sd, med)
	fmt.Println(m, sd, med)
	fmt.Println(slices.Max(data), slices.Min(data), math.Floor(m*1.5), math.Ceil(sd*1.1))
	fmt.Println(math.Round(-2.5), math.Trunc(-2.7), math.Abs(-3.2), math.Mod(7, 3))
	fmt.Println(math.MaxInt64, math.MinInt64, math.MaxUint32, math.MaxInt8)
	fmt.Println(math.Inf(1) > math.MaxFloat64, math.IsNaN(math.NaN()), math.NaN() == math.NaN())
	circle := func(r float64) (float64, float64) { return math.Pi * r * r, 2 * math.Pi * r }
	a, c := circle(2)
	fmt.Printf("%.4f %.4f\n", a, c)
	fmt.Println(math.Sqrt(2), math.Cbrt(2), math.Hypot(1, 1))
	fmt.Println(slices.Min([]float64{3, math.NaN(), 1}), slices.Max([]float64{3, 1}))
}
