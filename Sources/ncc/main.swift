print("ncc")
