"""Pages: the Charter flags of a cell or subtree and the decisions that settle them."""
