// Modelled on golang/go test/chan/powser2.go (BSD-style licence); written independently for gosim's corpus.
//
// The power-series network of chanport_powser1, with the coefficients
// carried as interface values (a rat, or an end marker of its own type) so
// every hop through a channel boxes and every consumer type-switches; adds
// the binomial series and substitution of one series into another.
package main

import "fmt"

type rat struct{ num, den int64 }

// item is what flows on a series' data channel: a rat or an end.
type item any

type end struct{}

func isEnd(it item) bool {
	_, ok := it.(end)
	return ok
}

func asRat(it item) rat {
	switch v := it.(type) {
	case rat:
		return v
	case *rat:
		return *v
	default:
		panic(fmt.Sprintf("not a coefficient: %T", it))
	}
}

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func mk(num, den int64) rat {
	if den < 0 {
		num, den = -num, -den
	}
	if g := gcd(num, den); g > 1 {
		num, den = num/g, den/g
	}
	return rat{num, den}
}

var (
	zero  = mk(0, 1)
	one   = mk(1, 1)
	finis item = end{}
)

func (r rat) String() string {
	if r.den == 1 {
		return fmt.Sprint(r.num)
	}
	return fmt.Sprintf("%d/%d", r.num, r.den)
}

func add(a, b rat) rat { return mk(a.num*b.den+b.num*a.den, a.den*b.den) }
func mul(a, b rat) rat { return mk(a.num*b.num, a.den*b.den) }
func neg(a rat) rat    { return rat{-a.num, a.den} }
func inv(a rat) rat {
	if a.num == 0 {
		panic("reciprocal of a series with zero constant term")
	}
	return mk(a.den, a.num)
}

// PS is a power series: ask on req, then read the coefficient from dat.
type PS struct {
	req chan struct{}
	dat chan item
}

func newPS() PS { return PS{make(chan struct{}), make(chan item)} }

func (p PS) get() item {
	p.req <- struct{}{}
	return <-p.dat
}

func (p PS) put(r item) {
	<-p.req
	p.dat <- r
}

// get2 asks both series at once and collects both answers in whatever order
// they come, so neither producer waits for the other.
func get2(a, b PS) (item, item) {
	reqA, reqB := a.req, b.req
	var datA, datB chan item
	var ra, rb item
	for pending := 4; pending > 0; pending-- {
		select {
		case reqA <- struct{}{}:
			reqA, datA = nil, a.dat
		case reqB <- struct{}{}:
			reqB, datB = nil, b.dat
		case ra = <-datA:
			datA = nil
		case rb = <-datB:
			datB = nil
		}
	}
	return ra, rb
}

// relay answers out's requests from in.
func relay(in, out PS) {
	for {
		<-out.req
		out.dat <- in.get()
	}
}

// split makes two series equal to in that may be read at different rates.
// Coefficients are fetched from in by a helper goroutine, so the splitter
// keeps answering from its queues while a fetch is under way: recursive
// series need that, since computing their next term reads their own
// earlier terms through the other output.
func split(in PS) (PS, PS) {
	a, b := newPS(), newPS()
	go func() {
		var qa, qb []item
		wantA, wantB, fetching := false, false, false
		fetched := make(chan item)
		for {
			if wantA && len(qa) > 0 {
				a.dat <- qa[0]
				qa, wantA = qa[1:], false
				continue
			}
			if wantB && len(qb) > 0 {
				b.dat <- qb[0]
				qb, wantB = qb[1:], false
				continue
			}
			if (wantA || wantB) && !fetching {
				fetching = true
				go func() { fetched <- in.get() }()
			}
			reqA, reqB := a.req, b.req
			if wantA {
				reqA = nil
			}
			if wantB {
				reqB = nil
			}
			select {
			case <-reqA:
				wantA = true
			case <-reqB:
				wantB = true
			case r := <-fetched:
				fetching = false
				qa = append(qa, r)
				qb = append(qb, r)
			}
		}
	}()
	return a, b
}

func repeat(c rat) PS {
	z := newPS()
	go func() {
		for {
			z.put(c)
		}
	}()
	return z
}

// monomial is c*x^n, a finite series.
func monomial(c rat, n int) PS {
	z := newPS()
	go func() {
		for ; n > 0; n-- {
			z.put(zero)
		}
		z.put(c)
		for {
			z.put(finis)
		}
	}()
	return z
}

func sum(u, v PS) PS {
	z := newPS()
	go func() {
		for {
			<-z.req
			a, b := get2(u, v)
			switch {
			case isEnd(a) && isEnd(b):
				z.dat <- finis
			case isEnd(a):
				z.dat <- b
				relay(v, z)
			case isEnd(b):
				z.dat <- a
				relay(u, z)
			default:
				z.dat <- add(asRat(a), asRat(b))
			}
		}
	}()
	return z
}

func scale(c rat, u PS) PS {
	z := newPS()
	go func() {
		for {
			<-z.req
			a := u.get()
			if isEnd(a) {
				z.dat <- finis
			} else {
				z.dat <- mul(c, asRat(a))
			}
		}
	}()
	return z
}

func difference(u, v PS) PS { return sum(u, scale(neg(one), v)) }

// shift is c + x*u.
func shift(c rat, u PS) PS {
	z := newPS()
	go func() {
		z.put(c)
		relay(u, z)
	}()
	return z
}

// product: with u = u0 + x*U and v = v0 + x*V,
// u*v = u0*v0 + x*(u0*V + v0*U) + x*x*(U*V).
func product(u, v PS) PS {
	z := newPS()
	go func() {
		<-z.req
		u0, v0 := get2(u, v)
		if isEnd(u0) || isEnd(v0) {
			z.dat <- finis
			for {
				z.put(finis)
			}
		}
		z.dat <- mul(asRat(u0), asRat(v0))
		u1, u2 := split(u)
		v1, v2 := split(v)
		w := sum(scale(asRat(u0), v1), scale(asRat(v0), u1))
		<-z.req
		z.dat <- w.get()
		relay(sum(w, product(u2, v2)), z)
	}()
	return z
}

func derivative(u PS) PS {
	z := newPS()
	go func() {
		<-z.req
		u.get() // the constant term drops out
		for i := int64(1); ; i++ {
			a := u.get()
			if isEnd(a) {
				z.dat <- finis
				for {
					z.put(finis)
				}
			}
			z.dat <- mul(mk(i, 1), asRat(a))
			<-z.req
		}
	}()
	return z
}

func integral(c rat, u PS) PS {
	z := newPS()
	go func() {
		z.put(c)
		for i := int64(1); ; i++ {
			<-z.req
			a := u.get()
			if isEnd(a) {
				z.dat <- finis
				for {
					z.put(finis)
				}
			}
			// Sent by pointer: asRat and fmt must see through it.
			r := mul(mk(1, i), asRat(a))
			z.dat <- &r
		}
	}()
	return z
}

// exp solves z' = z*u' with z(0) = 1: z's own output is fed back into the
// product through a splitter.
func exp(u PS) PS {
	back := newPS()
	z := integral(one, product(back, derivative(u)))
	out, loop := split(z)
	go relay(loop, back)
	return out
}

// reciprocal: with u = u0 + x*U, 1/u = z0 + x*Z where z0 = 1/u0 and
// Z = -z0*U*(z0 + x*Z).
func reciprocal(u PS) PS {
	z := newPS()
	go func() {
		<-z.req
		z0 := inv(asRat(u.get()))
		z.dat <- z0
		back := newPS()
		tail := product(scale(neg(z0), u), shift(z0, back))
		out, loop := split(tail)
		go relay(loop, back)
		relay(out, z)
	}()
	return z
}

// substituteMonomial is u(c*x^n).
func substituteMonomial(u PS, c rat, n int) PS {
	z := newPS()
	go func() {
		power := one
		for {
			<-z.req
			a := u.get()
			if isEnd(a) {
				z.dat <- finis
				for {
					z.put(finis)
				}
			}
			z.dat <- mul(asRat(a), power)
			power = mul(power, c)
			for i := 1; i < n; i++ {
				z.put(zero)
			}
		}
	}()
	return z
}

// binomial is (1+x)^c: each term is the previous times (c-k)/(k+1); it
// ends when c is a whole number and the factor reaches zero.
func binomial(c rat) PS {
	z := newPS()
	go func() {
		term := one
		for k := int64(0); term.num != 0; k++ {
			z.put(term)
			term = mul(term, mul(add(c, mk(-k, 1)), mk(1, k+1)))
		}
		for {
			z.put(finis)
		}
	}()
	return z
}

// substitute is u(v) for v with a zero constant term: with u = u0 + x*U and
// v = x*V, u(v) = u0 + x*V*U(v).
func substitute(u, v PS) PS {
	z := newPS()
	go func() {
		<-z.req
		u0 := u.get()
		z.dat <- u0
		if isEnd(u0) {
			for {
				z.put(finis)
			}
		}
		v1, v2 := split(v)
		v1.get() // the zero constant term
		relay(product(v1, substitute(u, v2)), z)
	}()
	return z
}

func kinds(u PS, n int) {
	counts := map[string]int{}
	for i := 0; i < n; i++ {
		switch it := u.get().(type) {
		case rat:
			counts["rat"]++
		case *rat:
			counts["*rat"]++
		case end:
			counts["end"]++
		default:
			panic(it)
		}
	}
	fmt.Println("kinds:", counts)
}

func show(name string, u PS, n int) {
	fmt.Printf("%-10s", name+":")
	for i := 0; i < n; i++ {
		a := u.get()
		if isEnd(a) {
			fmt.Print(" end")
			break
		}
		fmt.Print(" ", a)
	}
	fmt.Println()
}

func main() {
	ones := repeat(one)
	twos := repeat(mk(2, 1))
	show("ones", ones, 8)
	show("sum", sum(ones, twos), 8)
	show("diff", derivative(ones), 8)
	show("integ", integral(zero, ones), 8)
	show("scale", scale(mk(-1, 3), twos), 6)
	show("sub", difference(ones, twos), 6)
	show("mul", product(ones, ones), 8)
	show("exp", exp(ones), 10)
	show("exp(x)", exp(monomial(one, 1)), 9)
	show("atan", integral(zero, substituteMonomial(ones, neg(one), 2)), 10)
	show("recip", reciprocal(ones), 6)
	show("sqrt", binomial(mk(1, 2)), 7)
	show("sqrt^2", product(binomial(mk(1, 2)), binomial(mk(1, 2))), 7)
	show("cube", binomial(mk(3, 1)), 6)
	show("fib", substitute(ones, sum(monomial(one, 1), monomial(one, 2))), 10)
	show("exp(x^2)", substitute(exp(monomial(one, 1)), monomial(one, 2)), 9)
	kinds(integral(one, ones), 6)
	kinds(binomial(mk(2, 1)), 5)
	show("poly", product(sum(monomial(one, 0), monomial(one, 1)), sum(monomial(one, 0), monomial(neg(one), 1))), 5)
}
