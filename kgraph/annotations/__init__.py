"""What an annotation file may say: the vocabularies, the models, EDTF dates, and the JSON Schema made from them."""
