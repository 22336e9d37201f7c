"""Pages: party fees: bases, payments, arrears, the cell's monthly collection and remittance."""
