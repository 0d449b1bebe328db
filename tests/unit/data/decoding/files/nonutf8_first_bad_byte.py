x = 1
# ok
y = "aΓ©φι"
