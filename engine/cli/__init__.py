"""engine/cli"""
