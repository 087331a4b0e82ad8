//! A vector whose items are shared between its copies: copying a corpus
//! (the reader keeps one, live reload builds the next from it) copies one
//! pointer per item, and a reload that changes one article replaces that
//! item alone. Reads give the items themselves; a write goes through
//! [`Arc::make_mut`], so it copies only the item written, and only when it
//! is shared.

use std::ops::{Index, IndexMut};
use std::sync::Arc;

#[derive(Clone, PartialEq, Eq)]
pub struct Shared<T>(Vec<Arc<T>>);

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared(Vec::new())
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// What [`Shared::iter`] gives.
pub type Iter<'a, T> = std::iter::Map<std::slice::Iter<'a, Arc<T>>, fn(&Arc<T>) -> &T>;

/// The item an `Arc` points at (a `fn`, so iterators can name their type).
fn item<T>(shared: &Arc<T>) -> &T {
    shared
}

impl<T> Shared<T> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, T> {
        self.0.iter().map(item as fn(&Arc<T>) -> &T)
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.0.get(i).map(|shared| &**shared)
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&T> {
        self.0.last().map(|shared| &**shared)
    }

    pub fn push(&mut self, value: T) {
        self.0.push(Arc::new(value));
    }

    /// The items as they are shared (to share one with another vector, or
    /// to read them on every core).
    pub fn arcs(&self) -> &[Arc<T>] {
        &self.0
    }

    /// Puts `value` at `i`, shared as it is.
    pub fn set(&mut self, i: usize, value: Arc<T>) {
        self.0[i] = value;
    }

    /// Whether the item at `i` is the very one `other` holds there.
    pub fn same_at(&self, other: &Shared<T>, i: usize) -> bool {
        match (self.0.get(i), other.0.get(i)) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl<T: Clone> Shared<T> {
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.0.get_mut(i).map(Arc::make_mut)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut().map(Arc::make_mut)
    }

    pub fn remove(&mut self, i: usize) -> T {
        Arc::unwrap_or_clone(self.0.remove(i))
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|shared| keep(shared));
    }

    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    pub fn insert(&mut self, i: usize, value: T) {
        self.0.insert(i, Arc::new(value));
    }
}

impl<T> Index<usize> for Shared<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.0[i]
    }
}

impl<T: Clone> IndexMut<usize> for Shared<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        Arc::make_mut(&mut self.0[i])
    }
}

impl<T> FromIterator<T> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Shared(iter.into_iter().map(Arc::new).collect())
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(items: Vec<T>) -> Self {
        items.into_iter().collect()
    }
}

impl<T> FromIterator<Arc<T>> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = Arc<T>>>(iter: I) -> Self {
        Shared(iter.into_iter().collect())
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<T> {
    type Item = &'a mut T;
    type IntoIter = std::iter::Map<std::slice::IterMut<'a, Arc<T>>, fn(&mut Arc<T>) -> &mut T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0
            .iter_mut()
            .map(Arc::make_mut as fn(&mut Arc<T>) -> &mut T)
    }
}

impl<T: Clone> IntoIterator for Shared<T> {
    type Item = T;
    type IntoIter = std::iter::Map<std::vec::IntoIter<Arc<T>>, fn(Arc<T>) -> T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0
            .into_iter()
            .map(Arc::unwrap_or_clone as fn(Arc<T>) -> T)
    }
}

/// Serde for an `Option<Arc<T>>` as for an `Option<T>` (serde's own needs
/// its `rc` feature for the whole build).
pub(crate) mod arc_serde {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Arc<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.as_deref().serialize(serializer)
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Arc<T>>, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map(Arc::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_its_items_until_one_is_written() {
        let mut a: Shared<String> = vec!["x".to_string(), "y".to_string()].into();
        let b = a.clone();
        assert!(a.same_at(&b, 0) && a.same_at(&b, 1));
        a[1].push('!');
        assert!(a.same_at(&b, 0), "the item not written stays shared");
        assert!(!a.same_at(&b, 1));
        assert_eq!((&a[1][..], &b[1][..]), ("y!", "y"));
    }
}
