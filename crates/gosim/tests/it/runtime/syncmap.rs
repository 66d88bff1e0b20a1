//! sync.Map as of Go ≤ 1.23: read/dirty/misses/amended, expunged entries,
//! promotion, and the Go 1.15 LoadAndDelete leak.

use gosim::runtime::syncmap::{EntryP, SyncMap};

#[test]
fn new_keys_go_to_dirty_and_misses_promote_it() {
    let mut m: SyncMap<&str, i32> = SyncMap::new(false);
    m.store("a", 1);
    assert!(m.amended());
    assert_eq!(m.read_entries(), vec![]);
    assert_eq!(m.dirty_entries(), Some(vec![("a", EntryP::Value(1))]));
    m.store("b", 2);
    assert_eq!(m.dirty_len(), 2);

    // Each Load that falls through to dirty is a miss.
    assert_eq!(m.load(&"a"), Some(1));
    assert_eq!(m.misses(), 1);
    assert!(m.amended());
    // A miss on a key nowhere still counts.
    assert_eq!(m.load(&"zz"), None);
    // misses (2) >= len(dirty) (2): dirty becomes read, dirty is nil.
    assert_eq!(m.misses(), 0);
    assert!(!m.amended());
    assert_eq!(m.dirty_entries(), None);
    assert_eq!(
        m.read_entries(),
        vec![("a", EntryP::Value(1)), ("b", EntryP::Value(2))]
    );
    // Loads from read are not misses.
    assert_eq!(m.load(&"b"), Some(2));
    assert_eq!(m.misses(), 0);
}

#[test]
fn updates_in_read_are_in_place_and_deletes_nil_then_expunge() {
    let mut m: SyncMap<&str, i32> = SyncMap::new(false);
    m.store("a", 1);
    m.store("b", 2);
    m.load(&"x");
    m.load(&"x"); // promote
    assert_eq!(m.read_len(), 2);
    // Updating a key in read touches neither dirty nor amended.
    assert_eq!(m.swap("a", 10), Some(1));
    assert_eq!(m.dirty_entries(), None);
    // Deleting a key in read only nils its entry.
    assert_eq!(m.load_and_delete(&"b"), Some(2));
    assert_eq!(
        m.read_entries(),
        vec![("a", EntryP::Value(10)), ("b", EntryP::Nil)]
    );
    assert_eq!(m.load(&"b"), None);
    // A new key rebuilds dirty from read, expunging the nil entry.
    m.store("c", 3);
    assert_eq!(
        m.read_entries(),
        vec![("a", EntryP::Value(10)), ("b", EntryP::Expunged)]
    );
    assert_eq!(
        m.dirty_entries(),
        Some(vec![("a", EntryP::Value(10)), ("c", EntryP::Value(3))])
    );
    // Storing an expunged key un-expunges it and puts it back in dirty.
    m.store("b", 20);
    assert_eq!(
        m.read_entries(),
        vec![("a", EntryP::Value(10)), ("b", EntryP::Value(20))]
    );
    assert_eq!(m.dirty_len(), 3);
    // The entry is shared: an update through read is visible in dirty.
    m.store("a", 11);
    assert_eq!(
        m.dirty_entries()
            .and_then(|d| d.into_iter().find(|(k, _)| *k == "a")),
        Some(("a", EntryP::Value(11)))
    );
}

#[test]
fn load_or_store_and_range_promotion() {
    let mut m: SyncMap<i32, i32> = SyncMap::new(false);
    assert_eq!(m.load_or_store(1, 100), (100, false));
    assert_eq!(m.load_or_store(1, 200), (100, true));
    // That LoadOrStore found 1 in dirty: a miss, and 1 >= len(dirty).
    assert_eq!((m.misses(), m.amended(), m.read_len()), (0, false, 1));
    m.store(2, 300);
    // Range promotes an amended map first.
    let snap = m.range_begin();
    assert!(!m.amended());
    assert_eq!(m.dirty_entries(), None);
    assert_eq!(snap.iter().map(|(k, _)| *k).collect::<Vec<_>>(), vec![1, 2]);
    // A store during the range is seen through the shared entry.
    m.store(2, 301);
    assert_eq!(m.entry_load(snap[1].1), Some(301));
    assert_eq!(m.range_pairs(), vec![(1, 100), (2, 301)]);
}

/// The talk's Go 1.15 trap, scaled down: store then delete distinct keys,
/// never loading.
fn store_delete_loop(bug: bool, n: i32) -> SyncMap<i32, i32> {
    let mut m = SyncMap::new(bug);
    for i in 0..n {
        m.store(i, i);
        if i > 0 {
            m.delete(&i);
        }
    }
    m
}

#[test]
fn go115_delete_leaves_dirty_only_keys_behind() {
    let fixed = store_delete_loop(false, 1000);
    assert!(
        fixed.dirty_len() <= 2,
        "dirty stays small: {}",
        fixed.dirty_len()
    );
    assert!(fixed.entry_count() <= 2);

    let leaky = store_delete_loop(true, 1000);
    // Every key stays in dirty as a nil entry, and the misses never catch up.
    assert_eq!(leaky.dirty_len(), 1000);
    assert_eq!(leaky.entry_count(), 1000);
    assert_eq!(leaky.misses(), 999);
    assert!(leaky.go115_delete_bug());
    let dirty = leaky.dirty_entries().unwrap_or_default();
    assert_eq!(dirty[0], (0, EntryP::Value(0)));
    assert_eq!(dirty[999], (999, EntryP::Nil));
}

#[test]
fn clear_empties_both_maps() {
    let mut m: SyncMap<i32, i32> = SyncMap::new(false);
    m.store(1, 1);
    m.clear();
    assert_eq!(m.load(&1), None);
    assert_eq!(m.read_len(), 0);
    assert_eq!(m.dirty_entries(), Some(vec![]));
    assert!(!m.amended());
}
