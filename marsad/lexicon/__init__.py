"""Language knowledge loaded from marsad/data into objects that are passed around: the Morphology."""
