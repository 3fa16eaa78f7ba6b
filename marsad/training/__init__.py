"""Training and annotation code: builds Marsad's models from data; never imported by `marsad.load()`."""
