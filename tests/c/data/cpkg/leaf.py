# cpkg.leaf: krait_import("cpkg.leaf") gives this module itself.
NAME = "leaf"
