"""The command line.

Parse arguments, call one function per verb, print problems as path:line.
"""
