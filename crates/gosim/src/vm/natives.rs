//! The natives: library functions implemented by the VM rather than in the
//! Go prelude, because they touch the scheduler, the clock, the heap's
//! runtime objects or need host formatting.
//!
//! Owns the name → native mapping the compiler uses to bind body-less
//! prelude functions, and which natives are visible scheduling points.

use crate::types::IntKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Native {
    // Builtins used through defer/go or with a slice of operands.
    BuiltinClose,
    BuiltinPanic,
    BuiltinPrint,
    BuiltinPrintln,
    BuiltinDelete,
    BuiltinRecover,
    BuiltinClear,
    RuntimeErrorString,
    /// The `RuntimeError()` marker method of run-time errors: does nothing.
    RuntimeErrorMarker,

    // sync
    MutexLock,
    MutexUnlock,
    MutexTryLock,
    RWLock,
    RWUnlock,
    RWRLock,
    RWRUnlock,
    RWTryLock,
    RWTryRLock,
    WgAdd,
    WgDone,
    WgWait,
    NotifyListAdd,
    NotifyListWait,
    NotifyListNotifyOne,
    NotifyListNotifyAll,
    MapLoad,
    MapStore,
    MapLoadOrStore,
    MapLoadAndDelete,
    MapDelete,
    MapSwap,
    MapClear,
    MapSnapshot,

    // sync/atomic
    AtomicAdd(IntKind),
    AtomicLoad,
    AtomicStore,
    AtomicSwap,
    AtomicCas,
    AtomicLoadAny,
    AtomicStoreAny,
    AtomicSwapAny,
    AtomicCasAny,

    // time
    TimeNow,
    TimeSleep,
    DurationString,
    TimeString,
    TimeFormat,
    NewTimer,
    AfterFunc,
    TimerStop,
    TimerReset,
    NewTicker,
    TickerStop,
    TickerReset,

    // fmt
    FmtPrintln,
    FmtPrint,
    FmtPrintf,
    FmtSprintf,
    FmtSprint,
    FmtSprintln,
    FmtErrorfText,
    FmtWrapped,

    // errors
    ErrorsAssignTo,

    // net: the runtime's netpoll hooks (internal/poll and the kernel)
    PollOpen,
    PollClose,
    PollReset,
    PollWait,
    PollUnblock,
    PollSetDeadline,
    NetpollNotify,
    SockTrace,

    // os, runtime
    OsExit,
    Gosched,
    Goexit,
    NumGoroutine,
    Gomaxprocs,

    // strings
    StrContains,
    StrContainsRune,
    StrContainsAny,
    StrHasPrefix,
    StrHasSuffix,
    StrIndex,
    StrIndexByte,
    StrIndexRune,
    StrLastIndex,
    StrSplit,
    StrSplitN,
    StrFields,
    StrJoin,
    StrRepeat,
    StrReplace,
    StrReplaceAll,
    StrToUpper,
    StrToLower,
    StrTitle,
    StrToTitle,
    StrTrimSpace,
    StrTrim,
    StrTrimLeft,
    StrTrimRight,
    StrTrimPrefix,
    StrTrimSuffix,
    StrCount,
    StrEqualFold,
    StrCompare,

    // strconv
    Itoa,
    FormatInt,
    FormatUint,
    FormatFloat,
    FormatBool,
    Quote,
    QuoteRune,
    ParseInt,
    ParseUint,
    ParseFloat,

    // math
    MathUnary(MathFn),
    MathPow,
    MathMod,
    /// `math.FMA`: x·y + z rounded once (Rust's `mul_add` is exact).
    MathFma,
    /// `math.Float64bits` (0), `Float64frombits` (1), `Float32bits` (2),
    /// `Float32frombits` (3): reinterpretations, no arithmetic.
    MathBits(u8),
    MathInf,
    MathNaN,
    MathIsNaN,
    MathIsInf,
    MathMax,
    MathMin,
    /// The builtins `max` and `min` on floats, where a NaN beats even an
    /// infinity (`math.Max(+Inf, NaN)` is +Inf, `max(+Inf, NaN)` NaN).
    FloatMax,
    FloatMin,

    // sort
    SortInts,
    SortStrings,
    SortLen,
    SortSwap,

    // unicode/utf8
    Utf8RuneCountInString,
    Utf8RuneCount,
    Utf8RuneLen,
    Utf8ValidString,
    Utf8DecodeRuneInString,
    Utf8DecodeLastRuneInString,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MathFn {
    Sqrt,
    Floor,
    Ceil,
    Trunc,
    Round,
    Abs,
    Log,
    Exp,
}

/// The natives bound by name, searched in order by `Native::from_name`. A
/// table rather than a `match`: a match on strings compiles to a comparison
/// per arm, several kilobytes of wasm for a lookup done once per prelude
/// function at compile time.
const NAMED: &[(&str, Native)] = {
    use Native::*;
    &[
        ("sync.Mutex.Lock", MutexLock),
        ("sync.Mutex.Unlock", MutexUnlock),
        ("sync.Mutex.TryLock", MutexTryLock),
        ("sync.RWMutex.Lock", RWLock),
        ("sync.RWMutex.Unlock", RWUnlock),
        ("sync.RWMutex.RLock", RWRLock),
        ("sync.RWMutex.RUnlock", RWRUnlock),
        ("sync.RWMutex.TryLock", RWTryLock),
        ("sync.RWMutex.TryRLock", RWTryRLock),
        ("sync.WaitGroup.Add", WgAdd),
        ("sync.WaitGroup.Done", WgDone),
        ("sync.WaitGroup.Wait", WgWait),
        ("sync.runtime_notifyListAdd", NotifyListAdd),
        ("sync.runtime_notifyListWait", NotifyListWait),
        ("sync.runtime_notifyListNotifyOne", NotifyListNotifyOne),
        ("sync.runtime_notifyListNotifyAll", NotifyListNotifyAll),
        ("sync.Map.Load", MapLoad),
        ("sync.Map.Store", MapStore),
        ("sync.Map.LoadOrStore", MapLoadOrStore),
        ("sync.Map.LoadAndDelete", MapLoadAndDelete),
        ("sync.Map.Delete", MapDelete),
        ("sync.Map.Swap", MapSwap),
        ("sync.Map.Clear", MapClear),
        ("sync.Map.snapshot", MapSnapshot),
        ("time.Now", TimeNow),
        ("time.Sleep", TimeSleep),
        ("time.Duration.String", DurationString),
        ("time.Time.String", TimeString),
        ("time.Time.Format", TimeFormat),
        ("time.NewTimer", NewTimer),
        ("time.AfterFunc", AfterFunc),
        ("time.Timer.Stop", TimerStop),
        ("time.Timer.Reset", TimerReset),
        ("time.NewTicker", NewTicker),
        ("time.Ticker.Stop", TickerStop),
        ("time.Ticker.Reset", TickerReset),
        ("fmt.println_", FmtPrintln),
        ("fmt.print_", FmtPrint),
        ("fmt.printf_", FmtPrintf),
        ("fmt.sprintf_", FmtSprintf),
        ("fmt.sprint_", FmtSprint),
        ("fmt.sprintln_", FmtSprintln),
        ("fmt.errorf_", FmtErrorfText),
        ("fmt.wrapped_", FmtWrapped),
        ("errors.assignTo", ErrorsAssignTo),
        ("net.runtime_pollOpen", PollOpen),
        ("net.runtime_pollClose", PollClose),
        ("net.runtime_pollReset", PollReset),
        ("net.runtime_pollWait", PollWait),
        ("net.runtime_pollUnblock", PollUnblock),
        ("net.runtime_pollSetDeadline", PollSetDeadline),
        ("net.runtime_netpollNotify", NetpollNotify),
        ("net.runtime_sockTrace", SockTrace),
        ("os.Exit", OsExit),
        ("runtime.Gosched", Gosched),
        ("runtime.Goexit", Goexit),
        ("runtime.NumGoroutine", NumGoroutine),
        ("runtime.GOMAXPROCS", Gomaxprocs),
        ("strings.Contains", StrContains),
        ("strings.ContainsRune", StrContainsRune),
        ("strings.ContainsAny", StrContainsAny),
        ("strings.HasPrefix", StrHasPrefix),
        ("strings.HasSuffix", StrHasSuffix),
        ("strings.Index", StrIndex),
        ("strings.IndexByte", StrIndexByte),
        ("strings.IndexRune", StrIndexRune),
        ("strings.LastIndex", StrLastIndex),
        ("strings.Split", StrSplit),
        ("strings.SplitN", StrSplitN),
        ("strings.Fields", StrFields),
        ("strings.Join", StrJoin),
        ("strings.Repeat", StrRepeat),
        ("strings.Replace", StrReplace),
        ("strings.ReplaceAll", StrReplaceAll),
        ("strings.ToUpper", StrToUpper),
        ("strings.ToLower", StrToLower),
        ("strings.Title", StrTitle),
        ("strings.ToTitle", StrToTitle),
        ("os.print_", FmtPrint),
        ("strings.TrimSpace", StrTrimSpace),
        ("strings.Trim", StrTrim),
        ("strings.TrimLeft", StrTrimLeft),
        ("strings.TrimRight", StrTrimRight),
        ("strings.TrimPrefix", StrTrimPrefix),
        ("strings.TrimSuffix", StrTrimSuffix),
        ("strings.Count", StrCount),
        ("strings.EqualFold", StrEqualFold),
        ("strings.Compare", StrCompare),
        ("strconv.Itoa", Itoa),
        ("strconv.FormatInt", FormatInt),
        ("strconv.FormatUint", FormatUint),
        ("strconv.FormatFloat", FormatFloat),
        ("strconv.FormatBool", FormatBool),
        ("strconv.Quote", Quote),
        ("strconv.QuoteRune", QuoteRune),
        ("strconv.parseInt", ParseInt),
        ("strconv.parseUint", ParseUint),
        ("strconv.parseFloat", ParseFloat),
        ("math.Sqrt", MathUnary(MathFn::Sqrt)),
        ("math.Floor", MathUnary(MathFn::Floor)),
        ("math.Ceil", MathUnary(MathFn::Ceil)),
        ("math.Trunc", MathUnary(MathFn::Trunc)),
        ("math.Round", MathUnary(MathFn::Round)),
        ("math.Abs", MathUnary(MathFn::Abs)),
        ("math.Log", MathUnary(MathFn::Log)),
        ("math.Float64bits", MathBits(0)),
        ("math.Float64frombits", MathBits(1)),
        ("math.Float32bits", MathBits(2)),
        ("math.Float32frombits", MathBits(3)),
        ("math.Exp", MathUnary(MathFn::Exp)),
        ("math.Pow", MathPow),
        ("math.Mod", MathMod),
        ("math.FMA", MathFma),
        ("math.Inf", MathInf),
        ("math.NaN", MathNaN),
        ("math.IsNaN", MathIsNaN),
        ("math.IsInf", MathIsInf),
        ("math.Max", MathMax),
        ("math.Min", MathMin),
        ("sort.Ints", SortInts),
        ("sort.Strings", SortStrings),
        ("sort.lenOf", SortLen),
        ("sort.swapIn", SortSwap),
        ("utf8.RuneCountInString", Utf8RuneCountInString),
        ("utf8.RuneCount", Utf8RuneCount),
        ("utf8.RuneLen", Utf8RuneLen),
        ("utf8.ValidString", Utf8ValidString),
        ("utf8.DecodeRuneInString", Utf8DecodeRuneInString),
        ("utf8.DecodeLastRuneInString", Utf8DecodeLastRuneInString),
    ]
};

impl Native {
    /// Binds a body-less prelude function (`pkg.Name` or `pkg.Type.Method`).
    pub fn from_name(name: &str) -> Option<Native> {
        use Native::*;
        let kind = |s: &str| match s {
            "Int32" => Some(IntKind::Int32),
            "Int64" => Some(IntKind::Int64),
            "Uint32" => Some(IntKind::Uint32),
            "Uint64" => Some(IntKind::Uint64),
            _ => None,
        };
        if let Some(rest) = name.strip_prefix("atomic.") {
            for (prefix, make) in [
                ("Add", 0),
                ("Load", 1),
                ("Store", 2),
                ("Swap", 3),
                ("CompareAndSwap", 4),
            ] {
                if let Some(k) = rest.strip_prefix(prefix).and_then(kind) {
                    return Some(match make {
                        0 => AtomicAdd(k),
                        1 => AtomicLoad,
                        2 => AtomicStore,
                        3 => AtomicSwap,
                        _ => AtomicCas,
                    });
                }
            }
            return match rest {
                "loadAny" => Some(AtomicLoadAny),
                "storeAny" => Some(AtomicStoreAny),
                "swapAny" => Some(AtomicSwapAny),
                "casAny" => Some(AtomicCasAny),
                _ => None,
            };
        }
        NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, native)| native)
    }

    /// Whether the call is a synchronization event: a point where another
    /// goroutine may be scheduled and the explorer branches.
    pub fn is_visible(self) -> bool {
        use Native::*;
        matches!(
            self,
            BuiltinClose
                | MutexLock
                | MutexUnlock
                | MutexTryLock
                | RWLock
                | RWUnlock
                | RWRLock
                | RWRUnlock
                | RWTryLock
                | RWTryRLock
                | WgAdd
                | WgDone
                | WgWait
                | NotifyListWait
                | NotifyListNotifyOne
                | NotifyListNotifyAll
                | MapLoad
                | MapStore
                | MapLoadOrStore
                | MapLoadAndDelete
                | MapDelete
                | MapSwap
                | MapClear
                | MapSnapshot
                | AtomicAdd(_)
                | AtomicLoad
                | AtomicStore
                | AtomicSwap
                | AtomicCas
                | AtomicLoadAny
                | AtomicStoreAny
                | AtomicSwapAny
                | AtomicCasAny
                | TimeSleep
                | TimerStop
                | TimerReset
                | TickerStop
                | TickerReset
                | Gosched
                | PollWait
                | PollUnblock
                | PollSetDeadline
                | NetpollNotify
        )
    }
}
