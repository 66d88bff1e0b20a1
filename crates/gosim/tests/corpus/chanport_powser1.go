// Modelled on golang/go test/chan/powser1.go (BSD-style licence); written independently for gosim's corpus.
//
// Power series as demand-driven streams, after Doug McIlroy's "Squinting at
// Power Series": a series is a pair of channels, a request channel and a
// data channel, and every operator is a goroutine that produces one
// rational coefficient per request. Recursive definitions (exp, reciprocal,
// products) feed their own output back through a splitter, so the network of
// goroutines grows as terms are demanded.
package main

import "fmt"

type rat struct{ num, den int64 } // den == 0 marks the end of a finite series

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
	finis = rat{1, 0}
)

func (r rat) end() bool { return r.den == 0 }

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
	dat chan rat
}

func newPS() PS { return PS{make(chan struct{}), make(chan rat)} }

func (p PS) get() rat {
	p.req <- struct{}{}
	return <-p.dat
}

func (p PS) put(r rat) {
	<-p.req
	p.dat <- r
}

// get2 asks both series at once and collects both answers in whatever order
// they come, so neither producer waits for the other.
func get2(a, b PS) (rat, rat) {
	reqA, reqB := a.req, b.req
	var datA, datB chan rat
	var ra, rb rat
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
		var qa, qb []rat
		wantA, wantB, fetching := false, false, false
		fetched := make(chan rat)
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
			case a.end() && b.end():
				z.dat <- finis
			case a.end():
				z.dat <- b
				relay(v, z)
			case b.end():
				z.dat <- a
				relay(u, z)
			default:
				z.dat <- add(a, b)
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
			if a.end() {
				z.dat <- finis
			} else {
				z.dat <- mul(c, a)
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
		if u0.end() || v0.end() {
			z.dat <- finis
			for {
				z.put(finis)
			}
		}
		z.dat <- mul(u0, v0)
		u1, u2 := split(u)
		v1, v2 := split(v)
		w := sum(scale(u0, v1), scale(v0, u1))
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
			if a.end() {
				z.dat <- finis
				for {
					z.put(finis)
				}
			}
			z.dat <- mul(mk(i, 1), a)
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
			if a.end() {
				z.dat <- finis
				for {
					z.put(finis)
				}
			}
			z.dat <- mul(mk(1, i), a)
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
		z0 := inv(u.get())
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
			if a.end() {
				z.dat <- finis
				for {
					z.put(finis)
				}
			}
			z.dat <- mul(a, power)
			power = mul(power, c)
			for i := 1; i < n; i++ {
				z.put(zero)
			}
		}
	}()
	return z
}

func show(name string, u PS, n int) {
	fmt.Printf("%-10s", name+":")
	for i := 0; i < n; i++ {
		a := u.get()
		if a.end() {
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
	show("poly", product(sum(monomial(one, 0), monomial(one, 1)), sum(monomial(one, 0), monomial(neg(one), 1))), 5)
}
