//! Numbers as health articles write them: digits with separators, decimals (including ones
//! broken by text extraction, "7. 5"), and spelled-out numbers up to the thousands.
