"""Analysis stages: each fills some fields of an Analysis. Imports only the base layer."""
