//! Rules for safe reporting: help-seeking information, and the wording, detail and numbers that
//! media guidelines on suicide, self-harm and abuse ask writers to get right.

pub mod help_seeking;
pub mod method_detail;
pub mod stale_helpline;
pub mod suicide_language;
