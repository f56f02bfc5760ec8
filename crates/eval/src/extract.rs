//! (scorer under construction)
