-- Never ends: every iteration raises an error that a pcall catches. In the
-- portable C VM each caught error restarts the interpreter's invocation, so
-- its pause count must outlive the invocation. A budget must still stop it.
while true do
  pcall(error, "again")
end
