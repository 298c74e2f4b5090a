//! The quick way to read a congress file: from the text straight into the record, `@people`
//! resolved on the way, with no JSON value in between.
//!
//! It takes only a file that cleaning would leave as it is — every text NFC, no escape (`\`)
//! and no control character anywhere in it — and gives the record or nothing: anything it does
//! not follow, and every error, is left to the full way ([`super::load`]), which then gives the
//! same record or names the field. A test reads the sample files and changes of them both ways
//! and compares the records.
//!
//! The JSON value cost a one-paper `render` a sixth of its time (a tree of maps, each of a few
//! hundred bytes, and the walks over it). The reader here wraps serde_json's: every value
//! passes through as it is, except a string `"@key"` where a person's name goes (a `name` or
//! `head` field, an item of `members`), which is read from the person in `people` instead.

use std::cell::{Cell, OnceCell};
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::record::Congress;

/// The longest file read the quick way. A file of thousands of guests goes the full way: read
/// the quick way, the 10 000-guest file (1.8 MB) loaded with 17 MB instead of 30 MB, but its
/// whole pack peaked 1–2 MB higher (61.0–61.8 MB against 59.2–60.2 MB, the allocator's layout
/// after the load; above the 60 MiB it is held to), where 4 000 guests (0.8 MB) showed no
/// difference. A one-paper command on a usual file is what the quick way is for.
const QUICK_UP_TO: usize = 1 << 20;

/// The record in `text`, when the quick way can read it; `None` sends it the full way.
pub(super) fn read(text: &str) -> Option<Congress> {
    if text.len() > QUICK_UP_TO || !plain(text) || !crate::vi::is_nfc(text) {
        return None;
    }
    let people = OnceCell::new();
    let mut json = serde_json::Deserializer::from_str(text);
    let reader = Place::new(&people, At::Root).quick(&mut json);
    let congress = Congress::deserialize(reader).ok()?;
    json.end().ok()?;
    Some(congress)
}

/// Whether `text` has no escape (`\`) and no character that cleaning would report: no
/// control character but the line breaks and tabs between its tokens, no U+FFFE or U+FFFF.
fn plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Read 64 bytes at a time without stopping inside them, which the compiler vectorises.
    let odd = |b: u8| {
        (b == b'\\') | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F)
    };
    if bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | odd(b)))
    {
        return false;
    }
    // U+0080–U+009F are C2 80–9F in UTF-8, U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    !memchr::memchr2_iter(0xC2, 0xEF, bytes).any(|i| match bytes[i..] {
        [0xC2, next, ..] => next < 0xA0,
        [0xEF, 0xBF, last, ..] => last >= 0xBE,
        _ => false,
    })
}

/// Reads the file's `people` (at its top level) and keeps them for the names after it; `Err`
/// when they are not an object of names, or given twice, for the full way to report.
fn keep_people<'de, A: MapAccess<'de>>(
    map: &mut A,
    people: &OnceCell<Map<String, Value>>,
) -> Result<(), A::Error> {
    let found: Map<String, Value> = map.next_value()?;
    if !found
        .values()
        .all(|p| crate::vi::PersonName::deserialize(p).is_ok())
    {
        return Err(de::Error::custom("a person that is not a name"));
    }
    people
        .set(found)
        .map_err(|_| de::Error::custom("`people` twice"))
}

/// Where a value is, as far as names go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// The whole file: its `$schema` and `people` are not part of the record.
    Root,
    /// Where a person's name goes: a `name` or `head` field, an item of `members`.
    Name,
    /// The list of `members`.
    Members,
    /// Anywhere else.
    Other,
}

impl At {
    /// Where the value of field `key` is.
    fn of_field(key: &str) -> At {
        match key {
            "name" | "head" => At::Name,
            "members" => At::Members,
            _ => At::Other,
        }
    }
}

/// Where a value is read: the file's people (once read), where the value is as far as names
/// go, and, when given, whom to tell the text of the string read there (a field's name).
#[derive(Clone, Copy)]
struct Place<'a> {
    people: &'a OnceCell<Map<String, Value>>,
    at: At,
    seen: Option<&'a Cell<At>>,
}

impl<'a> Place<'a> {
    /// The value at `at`.
    fn new(people: &'a OnceCell<Map<String, Value>>, at: At) -> Self {
        Place {
            people,
            at,
            seen: None,
        }
    }

    /// A field's or a variant's name, whose text `seen` is told.
    fn telling(people: &'a OnceCell<Map<String, Value>>, seen: &'a Cell<At>) -> Self {
        Place {
            people,
            at: At::Other,
            seen: Some(seen),
        }
    }

    /// The same file's value at `at`.
    fn at(self, at: At) -> Self {
        Place::new(self.people, at)
    }

    fn quick<D>(self, de: D) -> Quick<'a, D> {
        Quick { de, place: self }
    }

    fn wrap<V>(self, visitor: V) -> Wrap<'a, V> {
        Wrap {
            visitor,
            place: self,
        }
    }

    fn seed<S>(self, seed: S) -> Seed<'a, S> {
        Seed { seed, place: self }
    }
}

/// What is where a name goes: the person it refers to, or its own text.
enum Named<'a, 'de> {
    Person(Quick<'a, Value>),
    Written(&'de str, Place<'a>),
}

/// serde_json's reader, with where its value is.
struct Quick<'a, D> {
    de: D,
    place: Place<'a>,
}

impl<'a, D> Quick<'a, D> {
    /// The value where a name goes, as it is written (serde_json's reader cannot be asked
    /// what comes next, and a copy of the value would cost each name an allocation): `"@key"`
    /// is the person `key`, anything else is read on from its text.
    fn name<'de>(self) -> Result<Named<'a, 'de>, D::Error>
    where
        D: Deserializer<'de>,
    {
        let written = <&'de RawValue>::deserialize(self.de)?.get().trim();
        let Some(key) = written
            .strip_prefix("\"@")
            .and_then(|k| k.strip_suffix('"'))
        else {
            return Ok(Named::Written(written, self.place.at(At::Other)));
        };
        // A person not (yet) read: the full way reads `people` wherever it is in the file,
        // and names the field of an unknown one.
        let person = (self.place.people.get())
            .and_then(|people| people.get(key))
            .ok_or_else(|| de::Error::custom("no such person"))?;
        Ok(Named::Person(
            self.place.at(At::Other).quick(person.clone()),
        ))
    }
}

/// Forwards `deserialize_*` methods to the inner reader with the visitor wrapped.
macro_rules! forward {
    ($($method:ident ( $($arg:ident : $ty:ty),* )),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                if self.place.at == At::Name {
                    return match self.name()? {
                        Named::Person(person) => person.$method($($arg,)* visitor),
                        Named::Written(written, place) => {
                            let mut json = serde_json::Deserializer::from_str(written);
                            place.quick(&mut json).$method($($arg,)* visitor)
                        }
                    }
                    .map_err(de::Error::custom);
                }
                let wrapped = self.place.wrap(visitor);
                self.de.$method($($arg,)* wrapped)
            }
        )*
    };
}

impl<'de, 'a, D: Deserializer<'de>> Deserializer<'de> for Quick<'a, D> {
    type Error = D::Error;

    forward! {
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_seq(), deserialize_map(),
        deserialize_identifier(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// The visitor of the value, told where it is.
struct Wrap<'a, V> {
    visitor: V,
    place: Place<'a>,
}

impl<V> Wrap<'_, V> {
    /// A string read: a field's name is told to `seen`.
    fn text(&self, s: &str) {
        if let Some(seen) = self.place.seen {
            seen.set(At::of_field(s));
        }
    }
}

/// Forwards `visit_*` methods that carry a plain value.
macro_rules! pass {
    ($($method:ident ( $ty:ty )),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.visitor.$method(v)
            }
        )*
    };
}

impl<'de, 'a, V: Visitor<'de>> Visitor<'de> for Wrap<'a, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    pass! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char),
        visit_bytes(&[u8]), visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.text(v);
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.text(v);
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.text(&v);
        self.visitor.visit_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let inner = Place {
            seen: None,
            ..self.place
        }
        .quick(de);
        self.visitor.visit_some(inner)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let inner = Place {
            seen: None,
            ..self.place
        }
        .quick(de);
        self.visitor.visit_newtype_struct(inner)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let items = if self.place.at == At::Members {
            At::Name
        } else {
            At::Other
        };
        self.visitor.visit_seq(Items {
            seq,
            place: self.place.at(items),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Fields {
            map,
            people: self.place.people,
            root: self.place.at == At::Root,
            value_at: Cell::new(At::Other),
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        // No part of the record where a name or a list of members goes is an enum.
        if self.place.at != At::Other {
            return Err(de::Error::custom("an enum where a name goes"));
        }
        self.visitor.visit_enum(Variants {
            data,
            people: self.place.people,
        })
    }
}

/// An enum's variant, its data told where it is from the variant's name (as a field's).
struct Variants<'a, A> {
    data: A,
    people: &'a OnceCell<Map<String, Value>>,
}

impl<'de, 'a, A: EnumAccess<'de>> EnumAccess<'de> for Variants<'a, A> {
    type Error = A::Error;
    type Variant = Variant<'a, A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), A::Error> {
        let seen = Cell::new(At::Other);
        let told = Place::telling(self.people, &seen).seed(seed);
        let (value, variant) = self.data.variant_seed(told)?;
        let data = Variant {
            variant,
            place: Place::new(self.people, seen.get()),
        };
        Ok((value, data))
    }
}

/// The data of an enum's variant, told where it is.
struct Variant<'a, A> {
    variant: A,
    place: Place<'a>,
}

impl<'de, 'a, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'a, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.variant.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.variant.newtype_variant_seed(self.place.seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.variant.tuple_variant(len, self.place.wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.variant
            .struct_variant(fields, self.place.wrap(visitor))
    }
}

/// The items of a list, each told where it is.
struct Items<'a, A> {
    seq: A,
    place: Place<'a>,
}

impl<'de, 'a, A: SeqAccess<'de>> SeqAccess<'de> for Items<'a, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.seq.next_element_seed(self.place.seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The fields of an object, each value told where it is from its field's name.
struct Fields<'a, A> {
    map: A,
    people: &'a OnceCell<Map<String, Value>>,
    root: bool,
    value_at: Cell<At>,
}

impl<'de, 'a, A: MapAccess<'de>> MapAccess<'de> for Fields<'a, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if self.root {
            // The file's `$schema` and `people` are not fields of the record.
            while let Some(key) = self.map.next_key::<&'de str>()? {
                match key {
                    "$schema" => drop(self.map.next_value::<de::IgnoredAny>()?),
                    "people" => keep_people(&mut self.map, self.people)?,
                    _ => {
                        self.value_at.set(At::of_field(key));
                        let key = de::value::BorrowedStrDeserializer::new(key);
                        return seed.deserialize(key).map(Some);
                    }
                }
            }
            return Ok(None);
        }
        self.value_at.set(At::Other);
        let told = Place::telling(self.people, &self.value_at).seed(seed);
        self.map.next_key_seed(told)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let place = Place::new(self.people, self.value_at.get());
        self.map.next_value_seed(place.seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A seed whose value is read the quick way.
struct Seed<'a, S> {
    seed: S,
    place: Place<'a>,
}

impl<'de, 'a, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'a, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(self.place.quick(de))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::congress::load::load_fully;

    const SAMPLES: [&str; 3] = [
        include_str!("../../examples/data/bach-mai-2020.json"),
        include_str!("../../examples/data/bach-mai-tdp12-2027.json"),
        include_str!("../../examples/data/doan-ket-2020.json"),
    ];

    /// The file with `people` first (a JSON value writes its fields in sorted order).
    fn people_first(v: &Value) -> String {
        let Value::Object(root) = v else {
            return v.to_string();
        };
        let mut fields: Vec<_> = root.iter().collect();
        fields.sort_by_key(|(k, _)| *k != "people");
        let fields: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}: {}", Value::from(k.as_str()), v))
            .collect();
        format!("{{{}}}", fields.join(",\n"))
    }

    /// Every value's JSON pointer, parents first.
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointers(item, format!("{at}/{i}"), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    pointers(
                        item,
                        format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            _ => {}
        }
    }

    #[test]
    fn the_samples_read_quickly_are_the_records_read_fully() {
        for text in SAMPLES {
            let quick = read(text).expect("a sample is read the quick way");
            assert_eq!(quick, load_fully(text).unwrap());
            assert!(quick.guests.iter().all(|g| !g.name.ten.is_empty()));
        }
    }

    #[test]
    fn a_changed_file_read_quickly_is_the_record_read_fully() {
        // Every value of two samples, changed in turn as a user might get it wrong: the quick
        // way gives the record the full way gives, or leaves it to the full way.
        let mut quick = 0;
        for text in &SAMPLES[1..] {
            let original: Value = serde_json::from_str(text).unwrap();
            let mut all = Vec::new();
            pointers(&original, String::new(), &mut all);
            let person = original["people"]
                .as_object()
                .and_then(|p| p.keys().next())
                .map(|k| format!("@{k}"))
                .unwrap();
            let changes: [fn(&str) -> Option<Value>; 6] = [
                |person| Some(Value::from(person)),
                |_| Some(Value::from("@nobody")),
                |_| Some(Value::Null),
                |_| Some(Value::from(7)),
                // A text the full way cleans: the quick way leaves it.
                |_| Some(Value::from("Nguye\u{302}\u{303}n\tVăn")),
                |_| None,
            ];
            for (n, at) in all.iter().enumerate().skip(1).step_by(3) {
                let change = n % changes.len();
                let mut v = original.clone();
                match changes[change](&person) {
                    Some(new) => *v.pointer_mut(at).unwrap() = new,
                    None => {
                        let (parent, key) = at.rsplit_once('/').unwrap();
                        match v.pointer_mut(parent).unwrap() {
                            Value::Object(map) => drop(map.remove(key)),
                            Value::Array(items) => drop(items.remove(key.parse().unwrap())),
                            _ => unreachable!(),
                        }
                    }
                }
                for (first, text) in [(true, people_first(&v)), (false, v.to_string())] {
                    let full = load_fully(&text).map_err(|e| e.to_string());
                    match read(&text) {
                        Some(record) => {
                            assert_eq!(Ok(record), full, "{at}");
                            quick += 1;
                        }
                        // With `people` first, a file the full way reads as it is, the quick
                        // way reads too.
                        None => assert!(!first || change == 4 || full.is_err(), "{at}"),
                    }
                }
            }
        }
        assert!(quick > 50, "{quick}");
    }

    #[test]
    fn what_the_quick_way_leaves_to_the_full_way() {
        let text = SAMPLES[2];
        for changed in [
            text.replacen("\"Đảng", "\"\\u0110ảng", 1),
            text.replacen("\"Đảng", "\"Đa\u{309}ng", 1),
            text.replacen("\"Đảng", "\"\u{7}Đảng", 1),
            text.replacen("\"Đảng", "\"\u{85}Đảng", 1),
            text.replacen("\"Đảng", "\"\u{FFFF}Đảng", 1),
        ] {
            assert_ne!(changed, text);
            assert!(read(&changed).is_none());
        }
        // A file of thousands of guests (here: spaces) goes the full way.
        let long = format!("{text}{}", " ".repeat(QUICK_UP_TO));
        assert!(read(&long).is_none());
        assert!(read(&long[..QUICK_UP_TO]).is_some());
        // Characters near those that are left alone.
        for kept in ["½", "\u{A0}", "\u{FFFD}", "\u{F8FF}"] {
            let changed = text.replacen("\"Đảng", &format!("\"{kept}Đảng"), 1);
            assert!(read(&changed).is_some(), "{kept:?}");
        }
    }
}
