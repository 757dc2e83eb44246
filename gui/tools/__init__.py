"""gui/tools"""
