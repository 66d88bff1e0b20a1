package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var n32 int32
	var n64 int64
	var u32 uint32
	var u64 uint64

	fmt.Println(atomic.AddInt32(&n32, 5), atomic.AddInt32(&n32, -2))
	fmt.Println(atomic.AddInt64(&n64, 1<<40), atomic.LoadInt64(&n64))
	atomic.StoreUint32(&u32, 7)
	fmt.Println(atomic.LoadUint32(&u32), atomic.SwapUint32(&u32, 9), u32)
	fmt.Println(atomic.AddUint64(&u64, ^uint64(0)))
	fmt.Println(atomic.CompareAndSwapInt32(&n32, 3, 30), n32)
	fmt.Println(atomic.CompareAndSwapInt32(&n32, 3, 300), n32)
	fmt.Println(atomic.SwapInt64(&n64, -1), atomic.LoadInt64(&n64))
	atomic.StoreInt32(&n32, 0)
	fmt.Println(atomic.LoadInt32(&n32), atomic.AddUint32(&u32, 1), atomic.CompareAndSwapUint64(&u64, ^uint64(0), 1), u64)

	var hits int64
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&hits, 2)
		}()
	}
	wg.Wait()
	fmt.Println("hits", atomic.LoadInt64(&hits))
}
