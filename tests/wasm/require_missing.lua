-- A module that does not exist: an error the program can catch.
print(pcall(require, "no_such_module"))
