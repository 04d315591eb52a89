"""`python -m segue`: the command line, on the talk in the current folder by default."""

from segue.commands import run

if __name__ == "__main__":
    run(obj={"program": "python -m segue"})
