//! Quantity extraction: every statistical expression in a block of prose.
