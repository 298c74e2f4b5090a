//! The typed data: the congress and every document of it.

mod person;

pub use person::PersonName;
