"""engine/processes"""
