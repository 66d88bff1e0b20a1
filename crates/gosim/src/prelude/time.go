// Package time as gosim simulates it: a virtual clock that starts at
// 2009-11-10 23:00:00 UTC (like the Go playground) and advances only when
// every goroutine is blocked. Sleep and the timers are natives.
package time

type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

func (d Duration) String() string

func (d Duration) Nanoseconds() int64  { return int64(d) }
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

func (d Duration) Seconds() float64 {
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

func (d Duration) Minutes() float64 {
	min := d / Minute
	nsec := d % Minute
	return float64(min) + float64(nsec)/(60*1e9)
}

func (d Duration) Hours() float64 {
	hour := d / Hour
	nsec := d % Hour
	return float64(hour) + float64(nsec)/(60*60*1e9)
}

func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if r+r < m {
			return d + r
		}
		return d - m + r
	}
	if r+r < m {
		return d - r
	}
	return d + m - r
}

func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Time holds nanoseconds since the Unix epoch and a monotonic reading
// (nanoseconds of virtual time since the program started, plus one, so
// that zero means "none").
type Time struct {
	wall int64
	mono int64
}

const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	DateTime    = "2006-01-02 15:04:05"
	DateOnly    = "2006-01-02"
	TimeOnly    = "15:04:05"
)

func Now() Time
func Sleep(d Duration)

func (t Time) String() string
func (t Time) Format(layout string) string

func Since(t Time) Duration { return Now().Sub(t) }
func Until(t Time) Duration { return t.Sub(Now()) }

func (t Time) Sub(u Time) Duration      { return Duration(t.wall - u.wall) }
func (t Time) Add(d Duration) Time {
	m := t.mono
	if m != 0 {
		m += int64(d)
	}
	return Time{t.wall + int64(d), m}
}
func (t Time) After(u Time) bool        { return t.wall > u.wall }
func (t Time) Before(u Time) bool       { return t.wall < u.wall }
func (t Time) Equal(u Time) bool        { return t.wall == u.wall }
func (t Time) Compare(u Time) int {
	if t.wall < u.wall {
		return -1
	}
	if t.wall > u.wall {
		return 1
	}
	return 0
}
func (t Time) IsZero() bool             { return t.wall == 0 && t.mono == 0 }
func (t Time) Unix() int64              { return t.wall / 1e9 }
func (t Time) UnixMilli() int64         { return t.wall / 1e6 }
func (t Time) UnixMicro() int64         { return t.wall / 1e3 }
func (t Time) UnixNano() int64          { return t.wall }
func (t Time) Round(d Duration) Time    { return Time{t.wall, 0} }
func (t Time) Truncate(d Duration) Time { return Time{t.wall, 0} }

func Unix(sec int64, nsec int64) Time { return Time{sec*1e9 + nsec, 0} }

type Timer struct {
	C  <-chan Time
	id int64
}

func NewTimer(d Duration) *Timer
func AfterFunc(d Duration, f func()) *Timer
func (t *Timer) Stop() bool
func (t *Timer) Reset(d Duration) bool

func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

type Ticker struct {
	C  <-chan Time
	id int64
}

func NewTicker(d Duration) *Ticker
func (t *Ticker) Stop()
func (t *Ticker) Reset(d Duration)

func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
