//! Every text of a record, with its path, read straight from its `Serialize` implementation.
//!
//! The glyph check and the search for the record's own "uỷ" phrases read every string of the
//! record. Serializing the record to a `serde_json::Value` first built a second copy of it (for
//! the Bạch Mai sample, about a tenth of a one-paper `render`); this serializer walks the same
//! structure, with the same paths (`guests[2].name.ten`), and allocates nothing for a field.
//! Enum variant names are not texts the user wrote, so they are not visited.

use std::fmt::Display;

use serde::ser::{self, Serialize};

use crate::error::{Path, Segment};

/// Calls `f` with the path and the text of every string in `value`, in serialization order.
pub(crate) fn for_each_text<T: Serialize + ?Sized>(value: &T, f: &mut dyn FnMut(&Path, &str)) {
    let mut walker = Walker {
        path: Path::root(),
        f,
    };
    // The walker itself never fails; a value whose `Serialize` fails is simply not walked
    // further.
    let _ = value.serialize(&mut walker);
}

struct Walker<'f> {
    path: Path,
    f: &'f mut dyn FnMut(&Path, &str),
}

impl Walker<'_> {
    fn nested<T: Serialize + ?Sized>(&mut self, segment: Segment, value: &T) -> Result<(), Never> {
        self.path.push(segment);
        let out = value.serialize(&mut *self);
        self.path.pop();
        out
    }
}

/// The walker's error: it has none of its own, but serde asks for one.
#[derive(Debug)]
pub(crate) struct Never(String);

impl Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: Display>(msg: T) -> Self {
        Never(msg.to_string())
    }
}

/// A list, a tuple or a map being walked: the position of the next item, and a map's key.
pub(crate) struct Compound<'w, 'f> {
    walker: &'w mut Walker<'f>,
    next: usize,
    key: Option<String>,
}

macro_rules! ignore {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> Result<(), Never> { Ok(()) })*
    };
}

impl<'w, 'f> ser::Serializer for &'w mut Walker<'f> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Compound<'w, 'f>;
    type SerializeTuple = Compound<'w, 'f>;
    type SerializeTupleStruct = Compound<'w, 'f>;
    type SerializeTupleVariant = Compound<'w, 'f>;
    type SerializeMap = Compound<'w, 'f>;
    type SerializeStruct = Compound<'w, 'f>;
    type SerializeStructVariant = Compound<'w, 'f>;

    ignore!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_char(self, c: char) -> Result<(), Never> {
        let mut buf = [0u8; 4];
        (self.f)(&self.path, c.encode_utf8(&mut buf));
        Ok(())
    }

    fn serialize_str(self, s: &str) -> Result<(), Never> {
        (self.f)(&self.path, s);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.nested(Segment::Field(variant.into()), value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'f>, Never> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'w, 'f>, Never> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'f>, Never> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'f>, Never> {
        self.path.push(Segment::Field(variant.into()));
        Ok(Compound::variant(self))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'f>, Never> {
        Ok(Compound::new(self))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'f>, Never> {
        Ok(Compound::new(self))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'f>, Never> {
        self.path.push(Segment::Field(variant.into()));
        Ok(Compound::variant(self))
    }
}

impl<'w, 'f> Compound<'w, 'f> {
    fn new(walker: &'w mut Walker<'f>) -> Self {
        Compound {
            walker,
            next: 0,
            key: None,
        }
    }

    /// A variant's fields: `end` pops the variant's name from the path.
    fn variant(walker: &'w mut Walker<'f>) -> Self {
        Compound {
            walker,
            next: 0,
            key: Some(String::new()),
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        let i = self.next;
        self.next += 1;
        self.walker.nested(Segment::Index(i), value)
    }

    fn end_plain(self) -> Result<(), Never> {
        Ok(())
    }

    fn end_variant(self) -> Result<(), Never> {
        self.walker.path.pop();
        Ok(())
    }
}

/// The serde traits of a list's kinds: each item is walked at its position.
macro_rules! items {
    ($($trait:ident::$method:ident => $end:ident),* $(,)?) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.item(value)
            }
            fn end(self) -> Result<(), Never> {
                self.$end()
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element => end_plain,
    SerializeTuple::serialize_element => end_plain,
    SerializeTupleStruct::serialize_field => end_plain,
    SerializeTupleVariant::serialize_field => end_variant,
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        let key = self.key.take().unwrap_or_default();
        self.walker.nested(Segment::Field(key.into()), value)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

/// The serde traits of a struct's kinds: each field is walked under its name.
macro_rules! fields {
    ($($trait:ident => $end:ident),* $(,)?) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.walker.nested(Segment::Field(key.into()), value)
            }
            fn end(self) -> Result<(), Never> {
                self.$end()
            }
        }
    )*};
}

fields!(SerializeStruct => end_plain, SerializeStructVariant => end_variant);

/// A map key as the text JSON would give it (a string, or a number written out).
struct KeyText;

macro_rules! written {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, v: $t) -> Result<String, Never> { Ok(v.to_string()) })*
    };
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Never;
    type SerializeSeq = ser::Impossible<String, Never>;
    type SerializeTuple = ser::Impossible<String, Never>;
    type SerializeTupleStruct = ser::Impossible<String, Never>;
    type SerializeTupleVariant = ser::Impossible<String, Never>;
    type SerializeMap = ser::Impossible<String, Never>;
    type SerializeStruct = ser::Impossible<String, Never>;
    type SerializeStructVariant = ser::Impossible<String, Never>;

    fn serialize_str(self, s: &str) -> Result<String, Never> {
        Ok(s.to_string())
    }
    written!(serialize_char: char, serialize_bool: bool, serialize_i8: i8, serialize_i16: i16,
        serialize_i32: i32, serialize_i64: i64, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_f32: f32, serialize_f64: f64);
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Never> {
        Ok(String::new())
    }
    fn serialize_none(self) -> Result<String, Never> {
        Ok(String::new())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<String, Never> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Never> {
        Ok(String::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Never> {
        Ok(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Never> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Never> {
        Err(ser::Error::custom("a map key must be text"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walker visits the strings a JSON value of the same record holds, at the same paths.
    #[test]
    fn visits_what_json_holds_at_the_same_paths() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/bach-mai-2020.json"
        ))
        .unwrap();
        let congress = crate::load_congress(&text).unwrap();
        let mut walked = Vec::new();
        for_each_text(&congress, &mut |p, s| {
            walked.push((p.clone(), s.to_string()))
        });
        let mut value = serde_json::to_value(&congress).unwrap();
        let mut json = Vec::new();
        crate::congress::load::for_each_string(&mut value, &mut |t, s| {
            json.push((t.path(), s.clone()))
        });
        // JSON holds the variant names too (`"kind": "delegates"`); the walker skips them.
        let walked_set: std::collections::BTreeSet<_> = walked.iter().cloned().collect();
        let json_set: std::collections::BTreeSet<_> = json.iter().cloned().collect();
        assert!(
            walked_set.is_subset(&json_set),
            "the walker found a string JSON has not"
        );
        let names = json_set
            .iter()
            .filter(|(p, _)| p.to_string().ends_with(".ten"))
            .count();
        assert!(names > 100, "only {names} given names in the JSON");
        let missing: Vec<_> = json_set
            .difference(&walked_set)
            .filter(|(p, _)| p.to_string().ends_with(".ten") || p.to_string().contains("title"))
            .collect();
        assert!(missing.is_empty(), "the walker missed {missing:?}");
    }
}
