"""Acting on drift, not only seeing it: bringing copies up to a new standard revision
(``upgrade``), certain repairs (``fix``) and local changes that are candidates for the
standard (``promote``). Above the drift engine, whose contract decides each field."""
