"""gui/views/map"""
